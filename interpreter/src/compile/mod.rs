//! AST to bytecode. See `bytecode.rs` for the instruction set and the shapes the compiler emits.
//!
//! Two passes, as in CPython: [`symtable`] walks the whole module first and decides, for every
//! scope, whether each name is a fast local, a cell, a free variable, a global or a namespace
//! (`LoadName`) name; then the code generator walks the AST again, one [`Unit`] per code object
//! (module, class body, function, lambda, comprehension), emitting instructions with symbolic
//! labels that are patched into instruction indices when the unit is finished.
//!
//! | file          | what                                                              |
//! |---------------|-------------------------------------------------------------------|
//! | `mod.rs`      | API, units, emission helpers, constants, names, finishing a unit   |
//! | `symtable.rs` | scopes and name classification                                    |
//! | `stmt.rs`     | statements: loops, `try`, `with`, imports, `return`/`break` unwinding |
//! | `expr.rs`     | expressions: operators, displays, f-strings, constants, jumps      |
//! | `call.rs`     | calls, `def`, `lambda`, `class`, comprehensions                    |
//! | `target.rs`   | assignment, augmented assignment and `del` targets                 |
//! | `stack.rs`    | stack effects; max stack depth and the consistency check           |

mod annotations;
mod call;
mod expr;
mod fuse;
mod patterns;
mod stack;
mod stmt;
mod symtable;
mod target;
#[cfg(test)]
mod tests;

use std::collections::{HashMap, HashSet};

use crate::builtins::types::NameHasher;
use std::sync::Arc;

use gilpy_grammar::ast::{self, Span};
use gilpy_grammar::{SyntaxError, SyntaxErrorKind};

use crate::bytecode::{CodeFlags, CodeObject, Instr, SourceFile};
use crate::value::Value;

pub(crate) use expr::ConstVal;
use symtable::{NameScope, ScopeId, ScopeKind, SymbolTable};

/// What a piece of source is compiled as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// A module or `exec` string: statements, returns None.
    Exec,
    /// A single expression (`eval`): the code returns the expression's value.
    Eval,
    /// One REPL input: like `Exec`, but each expression statement's value is echoed (`PrintExpr`).
    Interactive,
}

/// Compiles a module (Exec), a single expression (Eval: code returns the expression's value), or
/// an interactive REPL input (Interactive: like Exec but each expression statement is followed by
/// `PrintExpr` instead of `PopTop`).
pub fn compile(module: &ast::Module, source: Arc<SourceFile>, mode: Mode) -> Result<CodeObject, SyntaxError> {
    let run = || -> CResult<CodeObject> {
        if mode == Mode::Eval {
            return match module.body.as_slice() {
                [ast::Stmt { kind: ast::StmtKind::Expr(e), .. }] => compile_expr_code(e, &source),
                [] => err("unexpected EOF while parsing", Span::default()),
                [_, second, ..] => err("invalid syntax", second.span),
                [other] => err("invalid syntax", other.span),
            };
        }
        let symtable = SymbolTable::build_module(module)?;
        let mut c = Compiler::new(source.clone(), symtable, mode);
        c.compile_module(module)
    };
    run().map_err(|e| e.into_syntax_error(&source))
}

/// Compiles one expression to a code object returning its value (`eval`).
pub fn compile_expression(expr: &ast::Expr, source: Arc<SourceFile>) -> Result<CodeObject, SyntaxError> {
    compile_expr_code(expr, &source).map_err(|e| e.into_syntax_error(&source))
}

/// Parse + compile convenience. `Eval` input is parsed as one expression (surrounding
/// whitespace and newlines allowed, as for `eval`).
pub fn compile_source(text: &str, filename: &str, mode: Mode) -> Result<CodeObject, SyntaxError> {
    let source = SourceFile::new(filename, text);
    if mode == Mode::Eval {
        let expr = gilpy_grammar::parse_expression(text)?;
        return compile_expression(&expr, source);
    }
    let module = gilpy_grammar::parse_module(text)?;
    compile(&module, source, mode)
}

fn compile_expr_code(expr: &ast::Expr, source: &Arc<SourceFile>) -> CResult<CodeObject> {
    let symtable = SymbolTable::build_expression(expr)?;
    let mut c = Compiler::new(source.clone(), symtable, Mode::Eval);
    c.compile_eval(expr)
}

/// Nesting depth of statements and expressions past which compiling gives up rather than risk
/// the Rust stack.
pub(crate) const MAX_DEPTH: u32 = 2000;
pub(crate) const DEPTH_MESSAGE: &str = "maximum recursion depth exceeded during compilation";

/// A compile-time error before it is given its source position.
#[derive(Debug, Clone)]
pub(crate) struct CompileError {
    pub msg: String,
    pub span: Span,
}

impl CompileError {
    #[cold]
    fn into_syntax_error(self, source: &SourceFile) -> SyntaxError {
        make_syntax_error(source, self.msg, self.span)
    }
}

/// Builds a grammar-crate `SyntaxError` for `span` of `source`.
#[cold]
pub(crate) fn make_syntax_error(source: &SourceFile, msg: String, span: Span) -> SyntaxError {
    let (lineno, offset) = source.lines().line_col(span.start);
    let (end_lineno, end_offset) = if span.end > span.start { source.lines().line_col(span.end) } else { (lineno, 0) };
    let text = source.text.split('\n').nth(lineno.saturating_sub(1)).map(|l| l.trim_end_matches('\r').to_string());
    SyntaxError { kind: SyntaxErrorKind::Syntax, msg, lineno, offset, end_lineno, end_offset, text }
}

pub(crate) type CResult<T = ()> = Result<T, CompileError>;

#[cold]
pub(crate) fn err<T>(msg: impl Into<String>, span: Span) -> CResult<T> {
    Err(CompileError { msg: msg.into(), span })
}

/// CPython's private name mangling: `__x` inside `class C` is `_C__x`.
pub(crate) fn mangle<'a>(private: Option<&str>, name: &'a str) -> std::borrow::Cow<'a, str> {
    let Some(class) = private else { return name.into() };
    if !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
        return name.into();
    }
    let class = class.trim_start_matches('_');
    if class.is_empty() {
        return name.into();
    }
    format!("_{class}{name}").into()
}

/// A jump target, bound to an instruction index with [`Compiler::bind`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Label(u32);

const UNBOUND: u32 = u32::MAX;

/// A block that `return`/`break`/`continue` must unwind when leaving it (CPython's fblocks).
#[derive(Clone)]
pub(crate) enum FBlock<'a> {
    WhileLoop {
        start: Label,
        exit: Label,
    },
    /// The iterator is on the stack.
    ForLoop {
        start: Label,
        exit: Label,
    },
    /// The body of a `try` with `except` clauses: a try block to pop.
    TryExcept,
    /// The body of a `try` with a `finally`: pop the try block, then run the finally body.
    FinallyTry(&'a [ast::Stmt]),
    /// The finally body on the exception path: the exception on the stack, an except-handler block.
    FinallyEnd,
    /// The body of a `with`: `__exit__` on the stack under a try block.
    With,
    /// An except clause's body: an except-handler block and maybe the `as` name to clear.
    HandlerCleanup(Option<&'a str>),
    /// A value to discard (a return value shadowed by a `return` inside an inlined finally body).
    PopValue,
}

/// One code object being built.
pub(crate) struct Unit<'a> {
    pub scope: ScopeId,
    pub kind: ScopeKind,
    pub name: String,
    pub qualname: String,
    pub first_line: u32,
    /// The class name used for private name mangling, if inside a class.
    pub private: Option<String>,
    pub instrs: Vec<Instr>,
    pub spans: Vec<Span>,
    /// `(pc, span)` of each local operand of a fused instruction, in pc order (see `fuse.rs`).
    pub operand_spans: Vec<(u32, Span)>,
    pub cur_span: Span,
    pub labels: Vec<u32>,
    pub consts: Vec<Value>,
    const_map: HashMap<ConstVal, u32, NameHasher>,
    pub names: Vec<String>,
    name_map: HashMap<String, u32, NameHasher>,
    pub varnames: Vec<String>,
    var_map: HashMap<String, u32, NameHasher>,
    pub cellvars: Vec<String>,
    pub freevars: Vec<String>,
    /// Index into `cellvars ++ freevars`.
    cell_map: HashMap<String, u32, NameHasher>,
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub flags: CodeFlags,
    pub fblocks: Vec<FBlock<'a>>,
}

pub(crate) struct Compiler<'a> {
    pub source: Arc<SourceFile>,
    pub symtable: SymbolTable,
    pub units: Vec<Unit<'a>>,
    pub mode: Mode,
    pub depth: u32,
    /// The `from __future__ import` statements that open the module (after its docstring).
    pub future_imports_ok: HashSet<usize, NameHasher>,
    /// `from __future__ import annotations`: annotations are kept as their source text.
    pub future_annotations: bool,
    /// One str object per distinct name in this compilation, shared by all its code objects, so
    /// a global stored by the module and loaded by its functions is found by pointer equality.
    pub interned_names: HashMap<String, Value, NameHasher>,
}

impl<'a> Compiler<'a> {
    fn new(source: Arc<SourceFile>, symtable: SymbolTable, mode: Mode) -> Compiler<'a> {
        Compiler {
            source,
            symtable,
            units: Vec::new(),
            mode,
            depth: 0,
            future_imports_ok: HashSet::default(),
            future_annotations: false,
            interned_names: HashMap::default(),
        }
    }

    // ----- entry points -----

    fn compile_module(&mut self, module: &'a ast::Module) -> CResult<CodeObject> {
        self.enter_unit(0, "<module>".into(), "<module>".into(), 1, None);
        self.u().flags.uses_namespace = true;
        let mut body = module.body.as_slice();
        let skip_doc = docstring(body).is_some() as usize;
        for s in &body[skip_doc..] {
            match &s.kind {
                ast::StmtKind::ImportFrom { module: Some(m), level: 0, names } if m == "__future__" => {
                    self.future_imports_ok.insert(symtable::node_key(s));
                    self.future_annotations |= names.iter().any(|a| a.name == "annotations");
                }
                _ => break,
            }
        }
        if self.mode == Mode::Exec {
            if let Some(doc) = docstring(body) {
                self.u().cur_span = body[0].span;
                let c = self.add_const(ConstVal::Str(doc.to_string()));
                self.emit(Instr::LoadConst(c));
                self.emit_name_op_raw("__doc__", NameOp::Store);
                body = &body[1..];
            }
        }
        self.setup_annotations(body);
        for s in body {
            self.compile_stmt(s)?;
        }
        if let Some(last) = module.body.last() {
            self.u().cur_span = Span::new(last.span.end as usize, last.span.end as usize);
        }
        self.emit_load_const(ConstVal::None);
        self.emit(Instr::ReturnValue);
        self.finish_unit()
    }

    fn compile_eval(&mut self, expr: &'a ast::Expr) -> CResult<CodeObject> {
        let line = self.line_of(expr.span);
        self.enter_unit(0, "<module>".into(), "<module>".into(), line, None);
        self.u().flags.uses_namespace = true;
        self.compile_expr(expr)?;
        self.u().cur_span = expr.span;
        self.emit(Instr::ReturnValue);
        self.finish_unit()
    }

    // ----- units -----

    pub(crate) fn enter_unit(
        &mut self,
        scope: ScopeId,
        name: String,
        qualname: String,
        first_line: u32,
        private: Option<String>,
    ) {
        let sc = &self.symtable.scopes[scope];
        let kind = sc.kind;
        let mut cellvars: Vec<String> = Vec::new();
        if sc.needs_class_closure {
            cellvars.push("__class__".into());
        }
        let mut cells: Vec<String> = sc.names_with_scope(NameScope::Cell);
        cells.sort();
        cellvars.extend(cells);
        let mut freevars: Vec<String> = sc.free_names();
        freevars.sort();
        let mut cell_map = HashMap::default();
        for (i, n) in cellvars.iter().chain(freevars.iter()).enumerate() {
            cell_map.insert(n.clone(), i as u32);
        }
        let mut var_map = HashMap::default();
        let varnames: Vec<String> = sc.params.clone();
        for (i, n) in varnames.iter().enumerate() {
            var_map.insert(n.clone(), i as u32);
        }
        let flags = CodeFlags { generator: sc.is_generator, ..CodeFlags::default() };
        self.units.push(Unit {
            scope,
            kind,
            name,
            qualname,
            first_line,
            private,
            instrs: Vec::new(),
            spans: Vec::new(),
            operand_spans: Vec::new(),
            cur_span: Span::default(),
            labels: Vec::new(),
            consts: Vec::new(),
            const_map: HashMap::default(),
            names: Vec::new(),
            name_map: HashMap::default(),
            varnames,
            var_map,
            cellvars,
            freevars,
            cell_map,
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            flags,
            fblocks: Vec::new(),
        });
    }

    /// Pops the current unit and turns it into a code object.
    pub(crate) fn finish_unit(&mut self) -> CResult<CodeObject> {
        let unit = self.units.pop().expect("a unit to finish");
        let mut instrs = unit.instrs;
        for (pc, ins) in instrs.iter_mut().enumerate() {
            if let Some(label) = ins.jump_target() {
                let target = unit.labels[label as usize];
                if target == UNBOUND {
                    return err(format!("internal compiler error: unbound label at {pc}"), unit.spans[pc]);
                }
                *ins = stack::with_target(*ins, target);
            }
        }
        let nparams =
            (unit.argcount + unit.kwonlyargcount + unit.flags.varargs as u32 + unit.flags.varkeywords as u32) as usize;
        let cell2arg: Vec<Option<u32>> = unit
            .cellvars
            .iter()
            .map(|c| unit.varnames[..nparams.min(unit.varnames.len())].iter().position(|v| v == c).map(|i| i as u32))
            .collect();
        let cell2arg = if cell2arg.iter().any(|c| c.is_some()) { cell2arg } else { Vec::new() };
        let max_stack = match stack::analyze(&instrs) {
            Ok(depth) => depth,
            Err(e) => {
                if cfg!(debug_assertions) {
                    let listing: Vec<String> =
                        instrs.iter().enumerate().map(|(i, x)| format!("{i:>5} {x:?}")).collect();
                    panic!("stack analysis of {} failed: {}\n{}", unit.qualname, e.msg, listing.join("\n"));
                }
                e.max_seen + 16
            }
        };
        let interned = &mut self.interned_names;
        let mut strs = |v: Vec<String>| -> Box<[Value]> {
            v.into_iter().map(|s| interned.entry(s).or_insert_with_key(|s| Value::str(s)).clone()).collect()
        };
        Ok(CodeObject {
            name: unit.name,
            qualname: unit.qualname,
            source: self.source.clone(),
            first_line: unit.first_line,
            argcount: unit.argcount,
            posonlyargcount: unit.posonlyargcount,
            kwonlyargcount: unit.kwonlyargcount,
            flags: unit.flags,
            instructions: instrs.into_boxed_slice(),
            operand_pcs: unit.operand_spans.iter().map(|&(pc, _)| pc).collect(),
            spans: unit.spans.into_iter().chain(unit.operand_spans.iter().map(|&(_, span)| span)).collect(),
            consts: unit.consts.into_boxed_slice(),
            global_caches: unit.names.iter().map(|_| Default::default()).collect(),
            names: strs(unit.names),
            varnames: strs(unit.varnames),
            cellvars: strs(unit.cellvars),
            freevars: strs(unit.freevars),
            cell2arg: cell2arg.into_boxed_slice(),
            max_stack,
        })
    }

    #[inline]
    pub(crate) fn u(&mut self) -> &mut Unit<'a> {
        self.units.last_mut().expect("a current unit")
    }

    #[inline]
    pub(crate) fn ur(&self) -> &Unit<'a> {
        self.units.last().expect("a current unit")
    }

    pub(crate) fn line_of(&self, span: Span) -> u32 {
        self.source.line_of(span.start) as u32
    }

    /// Guards recursion; pair with `self.depth -= 1`.
    #[inline]
    pub(crate) fn enter_depth(&mut self, span: Span) -> CResult {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return err(DEPTH_MESSAGE, span);
        }
        Ok(())
    }

    // ----- emission -----

    #[inline]
    pub(crate) fn emit(&mut self, ins: Instr) {
        let u = self.u();
        u.instrs.push(ins);
        u.spans.push(u.cur_span);
    }

    pub(crate) fn new_label(&mut self) -> Label {
        let u = self.u();
        u.labels.push(UNBOUND);
        Label(u.labels.len() as u32 - 1)
    }

    pub(crate) fn bind(&mut self, l: Label) {
        let u = self.u();
        debug_assert_eq!(u.labels[l.0 as usize], UNBOUND, "label bound twice");
        u.labels[l.0 as usize] = u.instrs.len() as u32;
    }

    /// Emits a jump-like instruction; `make` is e.g. `Instr::Jump`.
    #[inline]
    pub(crate) fn emit_jump(&mut self, make: fn(u32) -> Instr, l: Label) {
        self.emit(make(l.0));
    }

    /// Runs `f` with the current span set to `span`, restoring it afterwards.
    pub(crate) fn with_span<T>(&mut self, span: Span, f: impl FnOnce(&mut Self) -> T) -> T {
        let saved = std::mem::replace(&mut self.u().cur_span, span);
        let r = f(self);
        self.u().cur_span = saved;
        r
    }

    // ----- tables -----

    pub(crate) fn add_const(&mut self, c: ConstVal) -> u32 {
        if let Some(&i) = self.u().const_map.get(&c) {
            return i;
        }
        // The items of a constant tuple are the unit's constants too, so equal strings are one
        // object (`("a", "a")[0] is ("a", "a")[1]`, and pickle memo references), as in CPython.
        let value = match &c {
            ConstVal::Tuple(items) => Value::tuple(
                items
                    .iter()
                    .map(|item| {
                        let i = self.add_const(item.clone());
                        self.u().consts[i as usize].clone()
                    })
                    .collect(),
            ),
            _ => c.to_value(),
        };
        let u = self.u();
        let i = u.consts.len() as u32;
        u.consts.push(value);
        u.const_map.insert(c, i);
        i
    }

    pub(crate) fn emit_load_const(&mut self, c: ConstVal) {
        let i = self.add_const(c);
        self.emit(Instr::LoadConst(i));
    }

    /// Adds a constant that is never shared (code objects).
    pub(crate) fn add_const_unique(&mut self, v: Value) -> u32 {
        let u = self.u();
        u.consts.push(v);
        u.consts.len() as u32 - 1
    }

    pub(crate) fn add_name(&mut self, name: &str) -> u32 {
        let u = self.u();
        if let Some(&i) = u.name_map.get(name) {
            return i;
        }
        let i = u.names.len() as u32;
        u.names.push(name.to_string());
        u.name_map.insert(name.to_string(), i);
        i
    }

    /// Adds an attribute-like name, mangled for the current class.
    pub(crate) fn add_mangled_name(&mut self, name: &str) -> u32 {
        let m = mangle(self.ur().private.as_deref(), name).into_owned();
        self.add_name(&m)
    }

    pub(crate) fn add_varname(&mut self, name: &str) -> u32 {
        let u = self.u();
        if let Some(&i) = u.var_map.get(name) {
            return i;
        }
        let i = u.varnames.len() as u32;
        u.varnames.push(name.to_string());
        u.var_map.insert(name.to_string(), i);
        i
    }

    /// Index of a cell or free variable in `cellvars ++ freevars`.
    pub(crate) fn cell_index(&mut self, name: &str) -> CResult<u32> {
        match self.ur().cell_map.get(name) {
            Some(&i) => Ok(i),
            None => err(format!("internal compiler error: no cell for '{name}'"), self.ur().cur_span),
        }
    }

    // ----- names -----

    /// Where `name` (already mangled) lives for the current unit.
    pub(crate) fn scope_of(&self, name: &str) -> NameScope {
        let u = self.ur();
        self.symtable.scopes[u.scope].scope_of(name)
    }

    /// Load, store or delete a variable, choosing the instruction from the symbol table.
    pub(crate) fn emit_name_op(&mut self, name: &str, op: NameOp) -> CResult {
        let mangled = mangle(self.ur().private.as_deref(), name).into_owned();
        let name = mangled.as_str();
        let kind = self.ur().kind;
        let scope = self.scope_of(name);
        let function_like = kind.is_function_like();
        match scope {
            NameScope::Free | NameScope::Cell => {
                let i = self.cell_index(name)?;
                self.emit(match op {
                    NameOp::Load if kind == ScopeKind::Class => Instr::LoadClassDeref(i),
                    NameOp::Load => Instr::LoadDeref(i),
                    NameOp::Store => Instr::StoreDeref(i),
                    NameOp::Delete => Instr::DeleteDeref(i),
                });
            }
            NameScope::Local if function_like => {
                let i = self.add_varname(name);
                self.emit(match op {
                    NameOp::Load => Instr::LoadFast(i),
                    NameOp::Store => Instr::StoreFast(i),
                    NameOp::Delete => Instr::DeleteFast(i),
                });
            }
            NameScope::GlobalExplicit => self.emit_global_op(name, op),
            NameScope::GlobalImplicit if function_like => self.emit_global_op(name, op),
            NameScope::Local | NameScope::GlobalImplicit => self.emit_name_op_raw(name, op),
        }
        Ok(())
    }

    fn emit_global_op(&mut self, name: &str, op: NameOp) {
        let i = self.add_name(name);
        self.emit(match op {
            NameOp::Load => Instr::LoadGlobal(i),
            NameOp::Store => Instr::StoreGlobal(i),
            NameOp::Delete => Instr::DeleteGlobal(i),
        });
    }

    /// `LoadName`/`StoreName`/`DeleteName` without consulting the symbol table.
    pub(crate) fn emit_name_op_raw(&mut self, name: &str, op: NameOp) {
        let i = self.add_name(name);
        self.emit(match op {
            NameOp::Load => Instr::LoadName(i),
            NameOp::Store => Instr::StoreName(i),
            NameOp::Delete => Instr::DeleteName(i),
        });
    }

    /// The `__qualname__` of a new function or class named `name` defined in the current unit.
    pub(crate) fn qualname_for(&self, name: &str, is_def: bool) -> String {
        let u = self.ur();
        if is_def && u.kind != ScopeKind::Module {
            let mangled = mangle(u.private.as_deref(), name);
            if self.scope_of(&mangled) == NameScope::GlobalExplicit {
                return name.to_string();
            }
        }
        match u.kind {
            ScopeKind::Module => name.to_string(),
            ScopeKind::Function | ScopeKind::Lambda => format!("{}.<locals>.{}", u.qualname, name),
            ScopeKind::Class | ScopeKind::Comprehension => format!("{}.{}", u.qualname, name),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NameOp {
    Load,
    Store,
    Delete,
}

/// The docstring of a body, if its first statement is a string constant.
pub(crate) fn docstring(body: &[ast::Stmt]) -> Option<&str> {
    match body.first() {
        Some(ast::Stmt {
            kind: ast::StmtKind::Expr(ast::Expr { kind: ast::ExprKind::Constant(ast::Constant::Str(s)), .. }),
            ..
        }) => Some(s.as_str()),
        _ => None,
    }
}
