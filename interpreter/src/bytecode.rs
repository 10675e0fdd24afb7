//! Bytecode: the instruction set, code objects and the disassembler.
//!
//! The VM is a stack machine modelled on CPython 3.10 (block stack for exception handling, jumps
//! for loops). Each instruction is 8 bytes: an opcode and one `u32` argument. Source positions
//! live in a side table (`CodeObject::spans`), touched only when a traceback is built.
//!
//! Stack effects are written `(before -- after)`, top of stack rightmost.
//!
//! # Exception handling
//! `SetupFinally(handler)` pushes a *try block* recording the handler and the value-stack depth.
//! When an exception is raised inside it, the VM pops blocks until it finds a try block, truncates
//! the value stack to the recorded depth, pushes an *except-handler block* that remembers the
//! exception being handled before (for `sys.exc_info()` and `__context__`), makes the new
//! exception the one being handled, pushes the exception object and jumps to `handler`.
//! `PopExcept` pops that except-handler block and restores the previously handled exception. An
//! exception escaping a handler unwinds past its except-handler block, which restores it too.
//!
//! The compiler turns `return`, `break` and `continue` that leave a `try`/`with`/`except` into
//! straight-line code: `PopBlock`/`PopExcept` for each block left, a copy of each `finally` body,
//! and for `with` a call of `__exit__(None, None, None)` (`ExitWith`).
//!
//! Typical shapes:
//! ```text
//! try: BODY except E as e: H          try: BODY finally: F       with CM as x: BODY
//!     SetupFinally L1                     SetupFinally L1            <CM>
//!     BODY                                BODY                       SetupWith L1
//!     PopBlock                            PopBlock                   StoreFast x
//!     Jump L3                             F                          
//! L1: <E>                                 Jump L2                    BODY
//!     CheckExcMatch                   L1: F                          PopBlock
//!     PopJumpIfFalse L2                   Reraise                    ExitWith
//!     StoreFast e                     L2:                            Jump L2
//!     H                                                          L1: WithExceptStart
//!     PopExcept                                                      PopJumpIfTrue L3
//!     <e = None; del e>                                              Reraise
//!     Jump L3                                                    L3: PopTop      (the exception)
//! L2: Reraise    (or the next clause)                                PopExcept
//! L3:
//!                                                                    PopTop      (__exit__)
//!                                                                L2:
//! ```
//!
//! # Calls
//! `Call(n)`: `(callable a1..an -- result)`. `CallKw(n)`: `(callable a1..an names -- result)`
//! where `names` is a tuple constant naming the last `len(names)` of the `n` arguments.
//! `CallEx(flags)`: `(callable args_tuple [kwargs_dict] -- result)`, kwargs present if `flags & 1`.
//! `LoadMethod(name)` / `CallMethod(n)`: `(obj -- method self_or_undefined)` then
//! `(method self_or_undefined a1..an -- result)`; when `self` is `Undefined` the call is `method(a1..an)`.
//!
//! # Functions and classes
//! `MakeFunction(flags)`: `([defaults] [kwdefaults] [closure] code -- function)`; `flags & 1`:
//! a tuple of positional defaults, `flags & 2`: a dict of keyword-only defaults, `flags & 8`: a
//! tuple of cells (built with `LoadClosure`/`BuildTuple`). The qualified name comes from the code.
//! Classes: `LoadBuildClass`, then the class body as a function (`MakeFunction`), the name, the
//! bases and keywords, then `Call`/`CallKw`/`CallEx` as for `__build_class__(func, name, *bases, **kw)`.
//! A class body is compiled with `LoadName`/`StoreName` (its namespace is a dict); when a method
//! uses `super()` or `__class__`, the body has a cell `__class__` and ends with
//! `LoadClosure(__class__) StoreName('__classcell__')` before returning None, so that
//! `__build_class__` can fill the cell with the new class.
//!
//! # Generators
//! A code object flagged `generator` returns a generator when called. `YieldValue`: `(v -- sent)`
//! suspends the frame, returning `v` to the resumer; resuming pushes the sent value (None for
//! `next`). `yield from it` compiles to `<it> GetYieldFromIter LoadConst None YieldFrom`, and
//! `YieldFrom`: `(iter sent -- result)` delegates until `iter` is exhausted.

use std::fmt::{self, Write};
use std::sync::atomic::{AtomicU32, AtomicU64};
use std::sync::{Arc, OnceLock};

use gilpy_grammar::ast::Span;
use gilpy_grammar::LineIndex;

use crate::value::Value;

/// Binary operators, shared by `Binary` and `Inplace`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum BinaryOp {
    Add,
    Sub,
    Mul,
    MatMul,
    TrueDiv,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    And,
    Or,
    Xor,
}

impl BinaryOp {
    /// The operator as Python spells it, for error messages.
    pub fn symbol(self) -> &'static str {
        match self {
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Mul => "*",
            BinaryOp::MatMul => "@",
            BinaryOp::TrueDiv => "/",
            BinaryOp::FloorDiv => "//",
            BinaryOp::Mod => "%",
            BinaryOp::Pow => "** or pow()",
            BinaryOp::LShift => "<<",
            BinaryOp::RShift => ">>",
            BinaryOp::And => "&",
            BinaryOp::Or => "|",
            BinaryOp::Xor => "^",
        }
    }

    /// `(__op__, __rop__, __iop__)`.
    pub fn dunders(self) -> (&'static str, &'static str, &'static str) {
        match self {
            BinaryOp::Add => ("__add__", "__radd__", "__iadd__"),
            BinaryOp::Sub => ("__sub__", "__rsub__", "__isub__"),
            BinaryOp::Mul => ("__mul__", "__rmul__", "__imul__"),
            BinaryOp::MatMul => ("__matmul__", "__rmatmul__", "__imatmul__"),
            BinaryOp::TrueDiv => ("__truediv__", "__rtruediv__", "__itruediv__"),
            BinaryOp::FloorDiv => ("__floordiv__", "__rfloordiv__", "__ifloordiv__"),
            BinaryOp::Mod => ("__mod__", "__rmod__", "__imod__"),
            BinaryOp::Pow => ("__pow__", "__rpow__", "__ipow__"),
            BinaryOp::LShift => ("__lshift__", "__rlshift__", "__ilshift__"),
            BinaryOp::RShift => ("__rshift__", "__rrshift__", "__irshift__"),
            BinaryOp::And => ("__and__", "__rand__", "__iand__"),
            BinaryOp::Or => ("__or__", "__ror__", "__ior__"),
            BinaryOp::Xor => ("__xor__", "__rxor__", "__ixor__"),
        }
    }
}

/// Rich comparisons (`is`/`in` have their own instructions).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum CompareOp {
    Lt,
    Le,
    Eq,
    Ne,
    Gt,
    Ge,
}

impl CompareOp {
    pub fn symbol(self) -> &'static str {
        match self {
            CompareOp::Lt => "<",
            CompareOp::Le => "<=",
            CompareOp::Eq => "==",
            CompareOp::Ne => "!=",
            CompareOp::Gt => ">",
            CompareOp::Ge => ">=",
        }
    }

    /// `(__op__, reflected __op__)`.
    pub fn dunders(self) -> (&'static str, &'static str) {
        match self {
            CompareOp::Lt => ("__lt__", "__gt__"),
            CompareOp::Le => ("__le__", "__ge__"),
            CompareOp::Eq => ("__eq__", "__eq__"),
            CompareOp::Ne => ("__ne__", "__ne__"),
            CompareOp::Gt => ("__gt__", "__lt__"),
            CompareOp::Ge => ("__ge__", "__le__"),
        }
    }
}

/// One instruction. Arguments named `name` index `CodeObject::names`, `const` indexes `consts`,
/// `local` indexes `varnames`, `cell` indexes `cellvars ++ freevars`, `target` is an instruction
/// index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Instr {
    Nop,
    /// `(a -- )`
    PopTop,
    /// `(a -- a a)`
    DupTop,
    /// `(a b -- a b a b)`
    DupTopTwo,
    /// `(a b -- b a)`
    RotTwo,
    /// `(a b c -- c a b)`
    RotThree,
    /// `(a b c d -- d a b c)`
    RotFour,

    /// `( -- consts[const])`
    LoadConst(u32),
    /// `( -- local)`; UnboundLocalError if unbound.
    LoadFast(u32),
    /// `(v -- )`
    StoreFast(u32),
    /// `( -- )`; UnboundLocalError if unbound.
    DeleteFast(u32),
    /// `( -- cell contents)`; NameError/UnboundLocalError ("free variable ... referenced before
    /// assignment") if empty.
    LoadDeref(u32),
    /// `(v -- )`
    StoreDeref(u32),
    DeleteDeref(u32),
    /// `( -- the cell object itself)`, for building a closure tuple.
    LoadClosure(u32),
    /// Class bodies reading a free variable: the namespace dict first, then the cell.
    /// `( -- v)`; `arg` is a cell index.
    LoadClassDeref(u32),
    /// `( -- globals[name] or builtins[name])`; NameError if neither.
    LoadGlobal(u32),
    StoreGlobal(u32),
    DeleteGlobal(u32),
    /// Module and class bodies: locals dict, then globals, then builtins.
    LoadName(u32),
    StoreName(u32),
    DeleteName(u32),

    /// `(obj -- obj.name)`
    LoadAttr(u32),
    /// `(v obj -- )`: `obj.name = v`
    StoreAttr(u32),
    /// `(obj -- )`
    DeleteAttr(u32),
    /// `(obj -- method self_or_undefined)`
    LoadMethod(u32),
    /// `(method self_or_undefined a1..an -- result)`
    CallMethod(u32),

    /// `(container key -- container[key])`
    BinarySubscr,
    /// `(v container key -- )`: `container[key] = v`
    StoreSubscr,
    /// `(container key -- )`
    DeleteSubscr,
    /// `(start stop -- slice)` for 2, `(start stop step -- slice)` for 3.
    BuildSlice(u32),

    /// `(a b -- a op b)`
    Binary(BinaryOp),
    /// `(a b -- a op= b)`: tries `__iop__` first.
    Inplace(BinaryOp),
    /// `(a -- -a)`
    UnaryNegative,
    /// `(a -- +a)`
    UnaryPositive,
    /// `(a -- not a)`
    UnaryNot,
    /// `(a -- ~a)`
    UnaryInvert,
    /// `(a b -- a op b)`
    Compare(CompareOp),
    /// `(a b -- a is b)`, or `is not` when the argument is 1.
    IsOp(u32),
    /// `(a b -- a in b)`, or `not in` when the argument is 1.
    ContainsOp(u32),

    /// `(a1..an -- (a1..an))`
    BuildTuple(u32),
    /// `(a1..an -- [a1..an])`
    BuildList(u32),
    /// `(a1..an -- {a1..an})`
    BuildSet(u32),
    /// `(k1 v1 .. kn vn -- {k1: v1, ..})`
    BuildMap(u32),
    /// `(s1..sn -- s1+..+sn)`: joins n strs (f-strings).
    BuildString(u32),
    /// `(v [spec] -- formatted str)`. `arg & 3`: 0 none, 1 `!s`, 2 `!r`, 3 `!a`; `arg & 4`: a
    /// format spec str is on top of the value.
    FormatValue(u32),
    /// `(list .. v -- list ..)`: appends `v` to the list at depth `arg` below the popped value
    /// (comprehensions: `ListAppend(2)` with the iterator between).
    ListAppend(u32),
    /// As `ListAppend`, for a set.
    SetAdd(u32),
    /// `(dict .. k v -- dict ..)`, as `ListAppend`.
    MapAdd(u32),
    /// `(list .. iterable -- list ..)`: `list.extend(iterable)` on the list at depth `arg`.
    ListExtend(u32),
    /// `(set .. iterable -- set ..)`
    SetUpdate(u32),
    /// `(dict .. mapping -- dict ..)`: `{**m}`.
    DictUpdate(u32),
    /// As `DictUpdate`, but a repeated key is a TypeError (`f(**a, **b)`).
    DictMerge(u32),
    /// `(list -- tuple)`
    ListToTuple,
    /// `(seq -- vn .. v1)`: exactly n items, v1 ends on top.
    UnpackSequence(u32),
    /// `a, *b, c = seq`: `arg = before | (after << 8)`; pushes the `after` items, the starred
    /// list, then the `before` items, so the first target is on top.
    UnpackEx(u32),

    Jump(u32),
    /// `(v -- )`
    PopJumpIfFalse(u32),
    /// `(v -- )`
    PopJumpIfTrue(u32),
    /// `(v -- v)` and jump if false, else `(v -- )`.
    JumpIfFalseOrPop(u32),
    /// `(v -- v)` and jump if true, else `(v -- )`.
    JumpIfTrueOrPop(u32),
    /// `(obj -- iter(obj))`
    GetIter,
    /// `(iter -- iter next)`, or when exhausted `(iter -- )` and jump to `target`.
    ForIter(u32),

    /// See the module docs.
    MakeFunction(u32),
    Call(u32),
    CallKw(u32),
    CallEx(u32),
    /// `(v -- )`: returns `v` from the frame.
    ReturnValue,
    /// `( -- __build_class__)`
    LoadBuildClass,

    /// Pushes a try block whose handler is `target`.
    SetupFinally(u32),
    /// Pops the innermost try block (leaving a `try` body normally).
    PopBlock,
    /// Pops the innermost except-handler block, restoring the exception handled before.
    PopExcept,
    /// `raise` (0: re-raise the exception being handled), `raise e` (1: `(e -- )`),
    /// `raise e from c` (2: `(e c -- )`).
    Raise(u32),
    /// `(exc -- )`: raises `exc` again, keeping its traceback (end of `finally`, unmatched `except`).
    Reraise,
    /// `(exc type -- exc matches)`: `isinstance(exc, type)`; `type` may be a tuple. TypeError if
    /// `type` is not an exception class.
    CheckExcMatch,
    /// `(mgr -- exit enter_result)`: looks up `__exit__` (bound), calls `__enter__`, and pushes a
    /// try block with handler `target` whose recorded depth keeps `exit` but not `enter_result`,
    /// so the handler starts with `(exit exc)`.
    SetupWith(u32),
    /// `(exit -- )`: calls `exit(None, None, None)` (normal exit from a `with` body, or leaving it
    /// by return/break/continue).
    ExitWith,
    /// `(exit exc -- exit exc result)`: calls `exit(type(exc), exc, tb)`.
    WithExceptStart,

    /// `(v -- sent)`
    YieldValue,
    /// `(obj -- iter)`: `iter(obj)`, but a generator stays itself.
    GetYieldFromIter,
    /// `(iter sent -- result)`
    YieldFrom,

    /// `(level fromlist -- module)`: `__import__(name, globals, None, fromlist, level)`.
    ImportName(u32),
    /// `(module -- module attr)`: `from module import name`, ImportError if missing.
    ImportFrom(u32),
    /// `(module -- )`: `from module import *` into the current namespace.
    ImportStar,
    /// `( -- AssertionError)`
    LoadAssertionError,
    /// `(v -- )`: the interactive prompt echoes `repr(v)` unless it is None and stores it in `_`.
    PrintExpr,
    /// `( -- )`: snapshots a function's fast locals and cells into a dict that `locals()`,
    /// `vars()`, `dir()`, `eval` and `exec` see (emitted before calls to those names).
    PublishLocals,

    /// `match` statements (see `compile/patterns.rs`).
    /// `(subj -- subj bool)`: is `subj` a sequence for a sequence pattern (not str/bytes)?
    MatchSequence,
    /// `(subj -- subj bool)`: is `subj` a mapping for a mapping pattern?
    MatchMapping,
    /// `(obj -- obj len(obj))`
    GetLen,
    /// `(subj keys -- subj keys values)`: the values of `keys` in mapping `subj` as a tuple, or
    /// None if one is missing.
    MatchKeys,
    /// `(subj cls kwnames -- attrs)`: for `cls(p1..pn, k=q...)`, the tuple of the `n` positional
    /// attributes (by `__match_args__`) and the keyword ones, or None when `subj` is not a `cls`
    /// or lacks one of them.
    MatchClass(u32),
    /// `(subj keys -- subj rest)`: a dict of `subj`'s items without `keys` (`**rest`).
    CopyDictWithoutKeys,

    // Superinstructions: common sequences fused by the compiler. Each reads its local in place,
    // so the object is neither cloned onto the value stack nor dropped off it again (two atomic
    // reference-count operations saved), and one dispatch replaces two or three.
    /// `LoadFast(local); LoadAttr(name)`: `( -- local.name)`.
    LoadFastAttr {
        local: u16,
        name: u16,
    },
    /// `LoadFast(local); StoreAttr(name)`: `(v -- )`, `local.name = v`.
    StoreFastAttr {
        local: u16,
        name: u16,
    },
    /// `LoadFast(local); LoadConst(key); BinarySubscr`: `( -- local[key])`.
    SubscrFastConst {
        local: u16,
        key: u16,
    },
    /// `LoadFast(container); LoadFast(key); BinarySubscr`: `( -- container[key])`.
    SubscrFastFast {
        container: u16,
        key: u16,
    },
    /// `LoadFast(local); LoadConst(key); StoreSubscr`: `(v -- )`, `local[key] = v`.
    StoreSubscrFastConst {
        local: u16,
        key: u16,
    },
    /// `Compare(op); PopJumpIfFalse(target)`: `(a b -- )`.
    CompareJumpIfFalse(CompareOp, u32),
    /// `Compare(op); PopJumpIfTrue(target)`: `(a b -- )`.
    CompareJumpIfTrue(CompareOp, u32),
    /// `Inplace(Add); StoreFast(local)` of `local += v`: `(a b -- )`. When `a` is a str only
    /// the local and the stack hold, the local lets go first and `b` is appended in place.
    InplaceAddStoreFast(u32),
}

// The dispatch loop copies one instruction per step: keep them one word.
const _: () = assert!(std::mem::size_of::<Instr>() == 8);

/// The code-object table an instruction operand indexes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Table {
    Consts,
    Varnames,
    /// `cellvars` then `freevars`.
    Cells,
    Names,
}

impl Instr {
    /// The jump target (a label id before patching, an index after) of a jump-like instruction.
    pub fn jump_target(&self) -> Option<u32> {
        match *self {
            Instr::Jump(t)
            | Instr::PopJumpIfFalse(t)
            | Instr::PopJumpIfTrue(t)
            | Instr::JumpIfFalseOrPop(t)
            | Instr::JumpIfTrueOrPop(t)
            | Instr::ForIter(t)
            | Instr::SetupFinally(t)
            | Instr::SetupWith(t)
            | Instr::CompareJumpIfFalse(_, t)
            | Instr::CompareJumpIfTrue(_, t) => Some(t),
            _ => None,
        }
    }

    /// The table entries this instruction's operands index, in operand order: what the
    /// disassembler names and what loading precompiled code checks.
    pub fn table_operands(&self) -> [Option<(Table, u32)>; 2] {
        use Table::*;
        match *self {
            Instr::LoadConst(i) => [Some((Consts, i)), None],
            Instr::LoadFast(i) | Instr::StoreFast(i) | Instr::DeleteFast(i) | Instr::InplaceAddStoreFast(i) => {
                [Some((Varnames, i)), None]
            }
            Instr::LoadDeref(i)
            | Instr::StoreDeref(i)
            | Instr::DeleteDeref(i)
            | Instr::LoadClosure(i)
            | Instr::LoadClassDeref(i) => [Some((Cells, i)), None],
            Instr::LoadGlobal(i)
            | Instr::StoreGlobal(i)
            | Instr::DeleteGlobal(i)
            | Instr::LoadName(i)
            | Instr::StoreName(i)
            | Instr::DeleteName(i)
            | Instr::LoadAttr(i)
            | Instr::StoreAttr(i)
            | Instr::DeleteAttr(i)
            | Instr::LoadMethod(i)
            | Instr::ImportName(i)
            | Instr::ImportFrom(i) => [Some((Names, i)), None],
            Instr::LoadFastAttr { local, name } | Instr::StoreFastAttr { local, name } => {
                [Some((Varnames, local.into())), Some((Names, name.into()))]
            }
            Instr::SubscrFastConst { local, key } | Instr::StoreSubscrFastConst { local, key } => {
                [Some((Varnames, local.into())), Some((Consts, key.into()))]
            }
            Instr::SubscrFastFast { container, key } => {
                [Some((Varnames, container.into())), Some((Varnames, key.into()))]
            }
            _ => [None, None],
        }
    }
}

/// Flags of a code object.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CodeFlags {
    pub varargs: bool,
    pub varkeywords: bool,
    pub generator: bool,
    /// Module, class body, `exec`/`eval` code: names go through a namespace dict (`LoadName`).
    pub uses_namespace: bool,
    /// The body starts with a docstring, stored as `consts[0]`.
    pub has_docstring: bool,
}

/// A source file, kept for tracebacks: the text and its line index.
pub struct SourceFile {
    pub filename: Arc<str>,
    pub text: Arc<str>,
    /// Built on first use: code loaded precompiled (`marshal`) may never need a line number.
    lines: OnceLock<LineIndex>,
}

impl SourceFile {
    pub fn new(filename: &str, text: &str) -> Arc<SourceFile> {
        Arc::new(SourceFile { filename: filename.into(), text: text.into(), lines: OnceLock::new() })
    }

    /// The line table of `text`.
    pub fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.text))
    }

    /// 1-based line of a byte offset.
    pub fn line_of(&self, offset: u32) -> usize {
        self.lines().line_col(offset).0
    }
}

pub struct CodeObject {
    /// `f`, `<module>`, `<lambda>`, `<listcomp>`, `<genexpr>`, a class name...
    pub name: String,
    /// `C.method.<locals>.inner` as CPython's `__qualname__`.
    pub qualname: String,
    pub source: Arc<SourceFile>,
    pub first_line: u32,
    /// Positional parameters, including positional-only ones.
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub flags: CodeFlags,
    pub instructions: Box<[Instr]>,
    /// Source span of each instruction, same length as `instructions`.
    pub spans: Box<[Span]>,
    /// For each span past the last instruction, the pc of the fused instruction it belongs to:
    /// the span of a local operand, where an unbound-local error points (`operand_span_pc`).
    pub operand_pcs: Box<[u32]>,
    pub consts: Box<[Value]>,
    /// Global, attribute and imported names, as str values.
    pub names: Box<[Value]>,
    /// Local variable names: the parameters first (positional, keyword-only, `*args`, `**kwargs`),
    /// then the other locals.
    pub varnames: Box<[Value]>,
    /// Locals captured by inner functions. Their slots are cells, not `varnames` entries.
    pub cellvars: Box<[Value]>,
    /// Variables this code reads from enclosing functions.
    pub freevars: Box<[Value]>,
    /// For each cellvar that is also a parameter, the parameter's index in `varnames`: the VM
    /// moves the argument into the cell when the frame starts.
    pub cell2arg: Box<[Option<u32>]>,
    /// Upper bound of the value stack depth.
    pub max_stack: u32,
    /// One lookup cache per entry of `names`, used by `LoadGlobal`.
    pub global_caches: Box<[GlobalCache]>,
}

/// Where `LoadGlobal` last found a name: the entry index in the globals dict (`builtins_version`
/// 0) or in the builtins dict, valid while the dicts' keys-version stamps are the ones recorded
/// (see `DictData::watch_keys`). Atomics only because code objects are `Sync`: the GIL already
/// orders every access, so relaxed loads and stores (plain moves) suffice.
#[derive(Default)]
pub struct GlobalCache {
    pub globals_version: AtomicU64,
    pub builtins_version: AtomicU64,
    pub index: AtomicU32,
}

impl CodeObject {
    /// The position in `spans` of operand `operand` of the fused instruction at `pc`: a
    /// traceback entry at that "pc" shows the operand's own span.
    pub fn operand_span_pc(&self, pc: usize, operand: usize) -> usize {
        let first = self.operand_pcs.partition_point(|&p| (p as usize) < pc);
        self.instructions.len() + first + operand
    }

    /// The 1-based line number of instruction `pc`.
    pub fn line_of(&self, pc: usize) -> usize {
        match self.spans.get(pc) {
            Some(span) => self.source.line_of(span.start),
            None => self.first_line as usize,
        }
    }

    /// A listing in the spirit of `dis.dis`, for debugging and tests.
    pub fn disassemble(&self) -> String {
        let mut out = String::new();
        self.disassemble_into(&mut out).expect("writing to a String cannot fail");
        out
    }

    fn disassemble_into(&self, out: &mut String) -> fmt::Result {
        writeln!(out, "Disassembly of {}:", self.qualname)?;
        let mut last_line = 0;
        for (pc, instr) in self.instructions.iter().enumerate() {
            let line = self.line_of(pc);
            let marker = if line != last_line { format!("{line:>4}") } else { "    ".into() };
            last_line = line;
            writeln!(out, "{marker} {pc:>5} {instr:?}{}", self.describe_arg(instr))?;
        }
        for c in self.consts.iter() {
            if let Some(crate::object::Payload::Code(inner)) = c.payload() {
                writeln!(out)?;
                inner.disassemble_into(out)?;
            }
        }
        Ok(())
    }

    fn describe_arg(&self, instr: &Instr) -> String {
        let show = |(table, i): (Table, u32)| -> String {
            let i = i as usize;
            let entry = match table {
                Table::Consts => return self.consts.get(i).map(crate::builtins::repr_for_debug).unwrap_or_default(),
                Table::Varnames => self.varnames.get(i),
                Table::Names => self.names.get(i),
                Table::Cells => self.cellvars.iter().chain(self.freevars.iter()).nth(i),
            };
            entry.and_then(|v| v.as_str()).unwrap_or("?").to_string()
        };
        match instr.table_operands() {
            [Some(only), None] => format!("  ({})", show(only)),
            [Some(local), Some(name @ (Table::Names, _))] => format!("  ({}.{})", show(local), show(name)),
            [Some(container), Some(key)] => format!("  ({}[{}])", show(container), show(key)),
            _ => String::new(),
        }
    }
}
